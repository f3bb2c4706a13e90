"""What the register gives out: statistics, exports, publication, letters, five-ones credits."""
