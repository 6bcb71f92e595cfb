"""soppress: official SOP documents (Permenpan RB 35/2012) from YAML sources."""
