"""meshtag.io"""
