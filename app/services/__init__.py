"""Services: one function per user action; each opens its own session."""
