"""meshtag.nlp"""
