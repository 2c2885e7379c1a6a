/** The training report's title when none is given. */
export const trainHtmlTitle = 'The degradation problem: training plain vs residual networks';
