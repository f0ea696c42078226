"""Rules of 綦江府办发〔2021〕26号 《綦江区支持科技创新若干财政金融政策》 as code (政策规则).

Parameters: one versioned TOML file (qijiang_fuban_2021_26.toml), read by zhengwu.core.parameters; formulas:
one small function per item or sub-rule (items_fixed, items_computed, items_other); `quote(facts)` is the
entry point, `items_catalogue()` lists the items and `fields_description()` the fields of each claim.
The firm register (register.py) and the budget forecast (forecast.py) build on them. The loader API
(`FOLDER`, `FILES`, `load_rules`, `default_rules`) is in parameters.py, as in every programme's rules package.
"""
from .catalogue import items_catalogue
from .facts import Claim, Facts, check_facts
from .fields import FORMS, Field, Form, claim_fields, fields_description
from .forecast import Forecast, explain, forecast
from .items import ITEMS, Item
from .lines import Line
from .parameters import FILES, FOLDER, POLICY, default_rules, load_rules
from .quote import Quote, quote
from .recognitions import RECOGNITIONS, Recognition
from .register import COLUMNS, Firm, Register, firm_claims, read_register

__all__ = ["COLUMNS", "FILES", "FOLDER", "FORMS", "ITEMS", "POLICY", "RECOGNITIONS", "Claim", "Facts", "Field", "Firm", "Forecast", "Form",
           "Item", "Line", "Quote", "Recognition", "Register", "check_facts", "claim_fields", "default_rules", "explain",
           "fields_description", "firm_claims", "forecast", "items_catalogue", "load_rules", "quote", "read_register"]
