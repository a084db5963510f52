"""The commands of `jxlint`, one module each with its own sub-parser; `common` is what they share."""
