"""Case files (``kasus/<nomor-register>.yaml``): the model, value-free validation and
private storage. Case data is about victims, often children: nothing here ever puts a
value from a case file into a message, a log or a file outside the private folders."""
from soppress.cases.model import Kasus, Korban
from soppress.cases.load import load_case, load_cases
from soppress.cases.private import private_dir, write_private

__all__ = ["Kasus", "Korban", "load_case", "load_cases", "private_dir", "write_private"]
