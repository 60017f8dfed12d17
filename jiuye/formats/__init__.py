"""The project's number formats (``FORMAT_MODULE_PATH``), read before Django's own."""
