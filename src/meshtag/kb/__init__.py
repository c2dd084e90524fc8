"""meshtag.kb"""
