"""Data safety: backups, restore, database checks and the data folder."""
