"""Pages of the subsidy system: views/public.py for firms (/subsidy/), views/staff*.py for the bureau (/subsidies/)."""
