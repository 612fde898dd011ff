# (filled in as the part is written)
