"""The database file kept safe: checked backups, its companion files, damaged content found."""
