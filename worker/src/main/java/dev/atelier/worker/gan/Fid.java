package dev.atelier.worker.gan;

/**
 * Fréchet distance between two Gaussians fitted to feature vectors:
 * {@code |μ1 − μ2|² + tr(Σ1) + tr(Σ2) − 2 tr((Σ1 Σ2)^½)}. The trace of the matrix square root is computed
 * as Σ √λ over the eigenvalues of the symmetric matrix {@code Σ1^½ Σ2 Σ1^½} (Jacobi eigen-decomposition).
 */
final class Fid {
    private Fid() {
    }

    /** @param a row-major {@code n × dim} features of one set; {@code b} the same for the other */
    static double distance(float[] a, float[] b, int dim) {
        double[] muA = mean(a, dim);
        double[] muB = mean(b, dim);
        double[][] covA = covariance(a, dim, muA);
        double[][] covB = covariance(b, dim, muB);
        double meanTerm = 0;
        for (int i = 0; i < dim; i++) {
            meanTerm += (muA[i] - muB[i]) * (muA[i] - muB[i]);
        }
        double[][] sqrtA = sqrtSymmetric(covA);
        double[][] inner = multiply(multiply(sqrtA, covB), sqrtA);
        double traceSqrt = 0;
        for (double lambda : eigenvalues(inner)) {
            traceSqrt += Math.sqrt(Math.max(lambda, 0));
        }
        return meanTerm + trace(covA) + trace(covB) - 2 * traceSqrt;
    }

    static double[] mean(float[] x, int dim) {
        int n = x.length / dim;
        double[] mu = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < dim; c++) {
                mu[c] += x[r * dim + c];
            }
        }
        for (int c = 0; c < dim; c++) {
            mu[c] /= n;
        }
        return mu;
    }

    static double[][] covariance(float[] x, int dim, double[] mu) {
        int n = x.length / dim;
        double[][] cov = new double[dim][dim];
        double[] d = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < dim; c++) {
                d[c] = x[r * dim + c] - mu[c];
            }
            for (int i = 0; i < dim; i++) {
                if (d[i] == 0) {
                    continue;
                }
                for (int j = i; j < dim; j++) {
                    cov[i][j] += d[i] * d[j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    static double[][] sqrtSymmetric(double[][] m) {
        int n = m.length;
        double[][] v = new double[n][n];
        double[] lambda = jacobi(copy(m), v);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += v[i][k] * Math.sqrt(Math.max(lambda[k], 0)) * v[j][k];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    static double[] eigenvalues(double[][] m) {
        return jacobi(copy(m), new double[m.length][m.length]);
    }

    /** Cyclic Jacobi rotations on symmetric {@code a} (destroyed); eigenvectors into the columns of {@code v}. */
    private static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = a[i][i];
        }
        return lambda;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += xik * y[k][j];
                }
            }
        }
        return out;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
