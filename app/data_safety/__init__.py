"""data_safety"""
