/* What chapter 3 draws: each function writes a figure's data table(s) and its gnuplot
 * script through the run (lib/nn_run.h). main.c computes and narrates. */
#ifndef CH3_FIGURES_H
#define CH3_FIGURES_H

#include "backprop.h"

void figure_modes(nn_run *run, const mode_costs *c, int count);             /* modes.svg */
void figure_fd_error(nn_run *run, const step_sweep *s);                      /* fd_error.svg */
void figure_kink(nn_run *run, const kink_sweep *k);                          /* kink.svg */
void figure_vanishing(nn_run *run, const deep_gradients *cfg);               /* vanishing.svg */
void figure_training(nn_run *run, const nn_dataset *data, const plain_run *r, int steps);
                                                                             /* training.svg */
#endif
