"""meshtag.report"""
