namespace Yiju.Housing;

/// <summary>Marker for the housing pages' strings: HousingText.resx is Simplified Chinese (the default), HousingText.en.resx English.</summary>
public sealed class HousingText;
