package io.livedesk.show;

/** Stops a fat-fingered price from reaching the live room: deep cuts and prices under the floor need confirm. */
public final class PriceGuard {

  private final int maxCutBasisPoints;

  public PriceGuard(int maxCutBasisPoints) {
    this.maxCutBasisPoints = maxCutBasisPoints;
  }

  /** Why this price needs a confirmation, or null when it does not. */
  public String concern(ItemSpec spec, long newPriceCents) {
    Long floor = spec.floorPriceCents();
    if (floor != null && newPriceCents < floor) {
      return "price " + Fen.yuan(newPriceCents) + " of " + spec.id() + " is below its floor price "
          + Fen.yuan(floor);
    }
    long list = spec.listPriceCents();
    // integer comparison of new < list × (1 − fraction), to stay exact in fen
    if ((long) newPriceCents * 10_000 < list * (10_000L - maxCutBasisPoints)) {
      long cutBasisPoints = list == 0 ? 0 : (list - newPriceCents) * 10_000 / list;
      return "price " + Fen.yuan(newPriceCents) + " of " + spec.id() + " cuts " + (cutBasisPoints / 100)
          + "% below the list price " + Fen.yuan(list) + " (more than " + (maxCutBasisPoints / 100) + "%)";
    }
    return null;
  }
}
