"""Proposals (提案): intake, review and the duplicate check."""
