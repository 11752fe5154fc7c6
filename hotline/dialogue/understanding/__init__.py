"""Understanding trained on the company's data: what a customer's message asks for (an act and an action)."""
