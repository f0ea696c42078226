"""gazette (政府公报): issues, documents, news — imported from text, checked, published."""
