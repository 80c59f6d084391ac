import { describe, expect, test } from "vitest";

import {
  Birthday,
  HexColor,
  Login,
  Password,
  PersonName,
  Phone,
  RegisterInput,
} from "../src/index.ts";

describe("field rules", () => {
  test("login", () => {
    for (const ok of ["abcd", "ivan.petrov", "user_01", "a".repeat(32)])
      expect(Login.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["abc", "a".repeat(33), ".ivan", "ivan.", "Ivan", "ivan petrov", "иван"])
      expect(Login.safeParse(bad).success, bad).toBe(false);
  });

  test("password length counts characters, not bytes, and never trims", () => {
    expect(Password.safeParse("ж".repeat(128)).success).toBe(true);
    expect(Password.safeParse("ж".repeat(129)).success).toBe(false);
    expect(Password.safeParse("1234567").success).toBe(false);
    expect(Password.safeParse("       8").success).toBe(true);
  });

  test("names, phone, colour, birthday", () => {
    expect(PersonName.safeParse("Анна-Мария").success).toBe(true);
    expect(PersonName.safeParse("O'Brien").success).toBe(true);
    expect(PersonName.safeParse("R2D2").success).toBe(false);
    expect(Phone.safeParse("+79991234567").success).toBe(true);
    expect(Phone.safeParse("12345").success).toBe(false);
    expect(HexColor.safeParse("#a1B2c3").success).toBe(true);
    expect(HexColor.safeParse("red").success).toBe(false);
    expect(Birthday.safeParse("2000-02-29").success).toBe(true);
    expect(Birthday.safeParse("2999-01-01").success).toBe(false);
    expect(Birthday.safeParse("2001-02-29").success).toBe(false);
  });

  test("class is 1 to 11", () => {
    const base = {
      login: "ivan",
      email: "i@example.org",
      password: "long enough",
      first_name: "Иван",
      last_name: "Петров",
    };
    expect(RegisterInput.safeParse({ ...base, class: 11 }).success).toBe(true);
    expect(RegisterInput.safeParse({ ...base, class: 0 }).success).toBe(false);
    expect(RegisterInput.safeParse({ ...base, class: 12 }).success).toBe(false);
  });
});
