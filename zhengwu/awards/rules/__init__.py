"""Parameter files of the awards system (shipped as package data), read by zhengwu.awards.rules_book."""
