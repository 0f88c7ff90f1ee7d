"""Demo documents at national scale, made from the sample disclosures (texts.py) and imported through the importer
(disclosures/services/demo.py). Every one is marked `Disclosure.demo`."""
