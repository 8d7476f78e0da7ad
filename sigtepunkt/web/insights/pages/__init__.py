"""One builder per page; see `common` for what they share."""
