"""five_ones"""
