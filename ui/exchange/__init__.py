"""The exchange page (交换) and the city's combined view (全市汇总)."""
