"""zhengwu (政务): publishes a district gazette and runs the programmes it decrees."""
