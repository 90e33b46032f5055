package io.berth.container.cgroup;

/**
 * Which cgroup interface the kernel offers Berth: the per-controller v1 hierarchies or the unified
 * v2 hierarchy ({@code Documentation/admin-guide/cgroup-v2.rst}).
 */
public enum CgroupVersion {
  V1,
  V2
}
