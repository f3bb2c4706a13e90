"""Small helpers shared by the services, reports and screens (no Qt)."""
