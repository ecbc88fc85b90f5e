package intake

import "os"

var osStat = os.Stat
