/* nn.h: the whole library in one include. One header per concept; see each for the
 * equations it implements. */
#ifndef NN_H
#define NN_H

#include "nn_real.h"
#include "nn_error.h"
#include "nn_parallel.h"
#include "nn_matrix.h"
#include "nn_rng.h"
#include "nn_activation.h"
#include "nn_loss.h"
#include "nn_init.h"
#include "nn_network.h"
#include "nn_optim.h"
#include "nn_data.h"
#include "nn_idx.h"
#include "nn_metrics.h"
#include "nn_cli.h"
#include "nn_run.h"
#include "nn_dot.h"
#include "nn_names.h"
#include "nn_autodiff.h"
#include "nn_divergence.h"
#include "nn_lstsq.h"

#endif
