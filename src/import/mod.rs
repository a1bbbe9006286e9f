//! import (work in progress).
