"""The staff desk's pages: accounts (login, password), the second factor, the desk home."""
