"""The 数据安全 panel and the restore offer at start."""
