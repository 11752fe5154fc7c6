"""``hotline eval simulate``: task-driven simulated customers (τ-bench goals, en/ru/zh phrasings by seed)."""
