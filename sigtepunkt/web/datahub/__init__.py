"""The data page: imports done, periods covered, upload of an export with validation and progress."""
