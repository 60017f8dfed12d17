"""The pages of employment assistance, a module per part of the work."""
