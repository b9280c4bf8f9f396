"""Claims, quotes and speakers of one article."""
