"""meshtag.evaluation"""
