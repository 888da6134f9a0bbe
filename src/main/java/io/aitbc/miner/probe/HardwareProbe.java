package io.aitbc.miner.probe;

/** Finds what the node has. Behind an interface so tests can give the agent any inventory. */
public interface HardwareProbe {

    /** The inventory, probed once and then kept; never throws (a failed part reads as absent). */
    HardwareInventory inventory();
}
