"""The exchange file itself: the signed, encrypted container, its header and its payload."""
