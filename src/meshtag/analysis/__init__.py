"""meshtag.analysis"""
