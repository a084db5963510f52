"""Helpers that drive a headless Chromium for the report tests and the docs screenshot."""
