package io.livedesk.runsheet;

/** What differs between the forms of a sheet when a problem is reported. */
enum SheetFormat {
  CSV("line", "main, backup, lottery, opening or closing"),
  XLSX("row", "main, backup, lottery, opening or closing"),
  JSON("item", "main, backup or lottery");

  private final String placeWord;
  private final String roles;

  SheetFormat(String placeWord, String roles) {
    this.placeWord = placeWord;
    this.roles = roles;
  }

  /** "line 7" for a CSV row, "row 7" for an .xlsx row, "item 7" for the seventh entry of a JSON items list. */
  String place(int line) {
    return placeWord + " " + line;
  }

  String roles() {
    return roles;
  }
}
