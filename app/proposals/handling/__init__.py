"""A proposal's way through: review, assignment, handling, deadlines, feedback, supervision."""
