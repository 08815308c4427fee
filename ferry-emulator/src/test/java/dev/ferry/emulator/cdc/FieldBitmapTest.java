package dev.ferry.emulator.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldBitmapTest {
  @Test
  void topLevelFirstUppercaseWithAnEvenNumberOfDigits() {
    FieldBitmap b = new FieldBitmap();
    b.set(22);
    b.setChild(4, 0);
    assertThat(b.encode()).containsExactly("0x400000", "4-0x01");

    FieldBitmap docs = new FieldBitmap();
    for (int bit : new int[] {2, 5, 6, 7, 10, 26, 29, 30}) {
      docs.set(bit);
    }
    docs.setChild(4, 4);
    docs.setChild(7, 1);
    docs.setChild(7, 2);
    assertThat(docs.encode()).containsExactly("0x640004E4", "4-0x10", "7-0x06");
  }

  @Test
  void onlyCompoundChildrenStillLeadWithATopLevelElement() {
    FieldBitmap b = new FieldBitmap();
    b.setChild(9, 3);
    assertThat(b.encode()).containsExactly("0x00", "9-0x08");
    assertThat(new FieldBitmap().encode()).isEmpty();
  }
}
