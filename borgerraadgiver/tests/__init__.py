from . import test_inquiry_workflow
from . import test_inquiry_validation
from . import test_inquiry_warnings
from . import test_inquiry_numbering
from . import test_kanban
from . import test_translation
from . import test_demo_data
