"""meshtag.corpus"""
