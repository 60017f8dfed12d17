"""The pages of job introduction, a module per record."""
