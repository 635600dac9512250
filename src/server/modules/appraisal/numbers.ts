/** Prefix of reward and penalty numbers (奖惩), e.g. JC20261202-0001. */
export const INCENTIVE_PREFIX = 'JC';
/** Prefix of improvement measure numbers (改进), e.g. GJ20261202-0001. */
export const MEASURE_PREFIX = 'GJ';
