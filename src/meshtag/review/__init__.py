"""meshtag.review"""
